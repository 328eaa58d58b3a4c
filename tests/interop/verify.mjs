#!/usr/bin/env node
// Verify a credential (or presentation) with a second implementation and print
// one JSON object on stdout.
//
//   node verify.mjs [--options FILE] [--engine verifier-core|digitalbazaar]
//                   [--presentation] [--allow-network] [CREDENTIAL.json | -]
//
// Engines:
//   verifier-core  (default) DCC's @digitalcredentials/verifier-core
//                  verifyCredential / verifyPresentation: eddsa-rdfc-2022 and
//                  Ed25519Signature2020, expiry, BitstringStatusList status,
//                  issuer registries.
//   digitalbazaar  @digitalbazaar/vc verifyCredential with eddsa-rdfc-2022,
//                  eddsa-jcs-2022 and Ed25519Signature2020 (signature and
//                  dates only; credentialStatus is not checked).
//   verifier-plus  verifier-core exactly as VerifierPlus (github
//                  digitalcredentials/verifier-plus, app/lib/validate.ts) calls
//                  it: verifyCredential({credential, knownDIDRegistries}) with
//                  verifier-core's own security document loader, so only the
//                  contexts @digitalcredentials/security-document-loader
//                  bundles resolve; no context is answered here (`contexts`
//                  is refused), any other context URL is a web fetch (blocked
//                  offline, like an unanswered dalel.kz URL). The summary adds
//                  VerifierPlus's overall `verified` (every log entry valid,
//                  a status_list_not_found entry dropped; false on errors).
//
// --options FILE is JSON with any of:
//   resources   {"<url>": <JSON document> | "<text>"}: answers for fetches of
//               that exact URL (did:web documents as https://host/.../did.json,
//               status list credentials, registry files, schemas)
//   contexts    {"<context url>": <context document>}: extra JSON-LD contexts
//   rewrite     {"https://issuer.example/": "http://127.0.0.1:8000/"}: URL
//               prefix rewrites, fetched for real (point did:web and status
//               list URLs at a local test server)
//   knownDIDRegistries  verifier-core registry list (default []), e.g.
//               [{"type": "dcc-legacy", "name": "Test", "url": "<url>"}]
//   allowNetwork  true to let unmatched URLs go to the network (default false)
//   presentation, challenge, unsignedPresentation  (presentations)
//   engine      as --engine
// Every fetch attempt is listed in the output's "network" array.
//
// Output: {"engine", "result": <the engine's full result>,
//          "summary": {"signature": "valid"|"invalid"|"unsigned"|"error",
//                      "log": [{id, valid?, error?}], "errors": [{name, message}]},
//          "network": [{url, method, via}]}
// Exit 0 whenever a result was produced (valid or not); 1 on harness errors,
// 2 on usage errors.
import {readFile} from 'node:fs/promises';

import {
  installFetch, makeDbDocumentLoader, parseArgs, quietConsole, readJsonInput,
  safeReplacer
} from './lib.mjs';

const ENGINES = ['verifier-core', 'digitalbazaar', 'verifier-plus'];

function summarizeCredential(result) {
  const log = (result?.log || []).map(entry => {
    const out = {id: entry.id};
    if('valid' in entry) {
      out.valid = entry.valid;
    }
    if(entry.error) {
      out.error = {name: entry.error.name, message: entry.error.message};
    }
    return out;
  });
  const errors = (result?.errors || []).map(e => ({
    name: e.name, message: e.message
  }));
  if(result?.error) {
    const e = result.error;
    errors.push({name: e.name || 'Error', message: e.message || String(e)});
    for(const inner of e.errors || []) {
      errors.push({name: inner.name, message: inner.message});
    }
  }
  const sigStep = log.find(entry => entry.id === 'valid_signature');
  let signature;
  if(sigStep && sigStep.valid === true) {
    signature = 'valid';
  } else if(sigStep && sigStep.valid === false) {
    signature = 'invalid';
  } else if(errors.some(e => e.name === 'invalid_signature')) {
    signature = 'invalid';
  } else if(errors.some(e => e.name === 'no_proof')) {
    signature = 'unsigned';
  } else {
    signature = 'error';
  }
  return {signature, log, errors};
}

async function verifyWithVerifierCore(input, options) {
  const {verifyCredential, verifyPresentation} = await import(
    '@digitalcredentials/verifier-core');
  // verifier-core throws (and reports unknown_error) when the registry list
  // is undefined, so always pass a list
  const knownDIDRegistries = options.knownDIDRegistries || [];
  if(options.presentation) {
    const result = await verifyPresentation({
      presentation: input,
      knownDIDRegistries,
      unsignedPresentation: !!options.unsignedPresentation,
      ...(options.challenge ? {challenge: options.challenge} : {})
    });
    const credentials = (result.credentialResults || [])
      .map(summarizeCredential);
    const errors = (result.errors || []).map(e => ({
      name: e.name, message: e.message}));
    for(const e of result.presentationResult?.errors || []) {
      errors.push({name: e.name, message: e.message?.message || e.message});
    }
    return {
      result,
      summary: {
        signature: result.presentationResult?.signature || 'error',
        log: [], errors, credentials
      }
    };
  }
  const result = await verifyCredential({credential: input, knownDIDRegistries});
  return {result, summary: summarizeCredential(result)};
}

async function verifyAsVerifierPlus(input, options) {
  const {result, summary} = await verifyWithVerifierCore(input,
    {...options, presentation: false});
  // app/lib/validate.ts: verified = every log entry valid; a fatal `errors`
  // list is not verified; a revocation entry with status_list_not_found is
  // dropped before the overall verdict
  let log = Array.isArray(result.log) ? result.log : null;
  if(log) {
    log = log.filter(entry => !(entry.id === 'revocation_status' &&
      entry.error?.name === 'status_list_not_found'));
  }
  summary.verified = !result.errors && !!log && log.every(entry => entry.valid);
  return {result, summary};
}

async function verifyWithDigitalBazaar(input, options) {
  const vc = await import('@digitalbazaar/vc');
  const {DataIntegrityProof} = await import('@digitalbazaar/data-integrity');
  const {cryptosuite: rdfc} = await import(
    '@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
  const {createVerifyCryptosuite} = await import(
    '@digitalbazaar/eddsa-jcs-2022-cryptosuite');
  const {Ed25519Signature2020} = await import(
    '@digitalbazaar/ed25519-signature-2020');
  const suite = [
    new DataIntegrityProof({cryptosuite: rdfc}),
    new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
    new Ed25519Signature2020()
  ];
  const base = await makeDbDocumentLoader({contexts: options.contexts});
  const proofs = [].concat(input.proof || []);
  const only2020 = proofs.length > 0 &&
    proofs.every(p => p && p.type === 'Ed25519Signature2020');
  const documentLoader = url => base(url, {
    didKeyFlavour: only2020 ? 'Ed25519VerificationKey2020' : 'Multikey'
  });
  if(options.presentation) {
    const result = await vc.verify({
      presentation: input, suite, documentLoader,
      challenge: options.challenge,
      unsignedPresentation: !!options.unsignedPresentation
    });
    return {
      result,
      summary: {
        signature: result.presentationResult?.verified ? 'valid' :
          (options.unsignedPresentation ? 'unsigned' : 'invalid'),
        log: [],
        errors: result.error ? [{name: result.error.name,
          message: result.error.message}] : [],
        credentials: (result.credentialResults || []).map(summarizeCredential)
      }
    };
  }
  let result;
  if(!input.proof) {
    result = {verified: false, error: {name: 'no_proof',
      message: 'The credential has no proof.'}};
    return {result, summary: {signature: 'unsigned', log: [],
      errors: [result.error]}};
  }
  result = await vc.verifyCredential({
    credential: input, suite, documentLoader,
    // status is outside this engine's scope; accept so the call can proceed
    checkStatus: async () => ({verified: true})
  });
  // @digitalbazaar/vc keeps no step log: derive the signature verdict from
  // the per-proof results (entries with a "proof"), a date or structure
  // failure shows up as result.error without proof results
  const summary = summarizeCredential(result);
  const proofResults = (result.results || []).filter(r => r && r.proof);
  if(proofResults.length > 0 && proofResults.every(r => r.verified)) {
    summary.signature = 'valid';
  } else if(proofResults.some(r => r.verified === false) ||
    result.error?.name === 'VerificationError') {
    summary.signature = 'invalid';
  }
  summary.log = [{id: 'valid_signature', valid: summary.signature === 'valid'}];
  if(summary.signature === 'valid') {
    summary.log.push({id: 'checks', valid: !!result.verified});
  }
  return {result, summary};
}

async function main() {
  let flags, positional;
  try {
    ({flags, positional} = parseArgs(process.argv.slice(2),
      {booleans: ['presentation', 'allow-network']}));
  } catch(e) {
    console.error(e.message);
    return 2;
  }
  const options = flags.options ?
    JSON.parse(await readFile(flags.options, 'utf8')) : {};
  if(flags.engine) {
    options.engine = flags.engine;
  }
  if(flags.presentation) {
    options.presentation = true;
  }
  if(flags['allow-network']) {
    options.allowNetwork = true;
  }
  const engine = options.engine || 'verifier-core';
  if(!ENGINES.includes(engine)) {
    console.error(`unknown engine ${engine}; one of ${ENGINES.join(', ')}`);
    return 2;
  }
  if(engine === 'verifier-plus' && (options.presentation ||
    Object.keys(options.contexts || {}).length)) {
    console.error('verifier-plus verifies credentials with bundled contexts only');
    return 2;
  }
  quietConsole();
  const network = [];
  installFetch({
    resources: options.resources, contexts: options.contexts,
    rewrite: options.rewrite, allowNetwork: !!options.allowNetwork,
    serveContexts: engine !== 'verifier-plus'
  }, network);
  const input = await readJsonInput(positional[0]);
  if(typeof input !== 'object' || input === null || Array.isArray(input)) {
    console.error('input must be a JSON object');
    return 2;
  }
  const verify = {
    'verifier-core': verifyWithVerifierCore,
    'verifier-plus': verifyAsVerifierPlus,
    digitalbazaar: verifyWithDigitalBazaar
  }[engine];
  const {result, summary} = await verify(input, options);
  const out = {engine, summary, network, result};
  process.stdout.write(JSON.stringify(out, safeReplacer()) + '\n');
  return 0;
}

main().then(code => {
  process.exitCode = code;
}, error => {
  console.error(`verify.mjs: ${error && error.stack || error}`);
  process.exitCode = 1;
});
