#!/usr/bin/env node
// Sign an unsigned credential with the Digital Bazaar JavaScript libraries and
// a freshly generated did:key Ed25519 key. No network: contexts come from the
// installed npm packages (plus --contexts), did:key is resolved locally.
//
//   node sign.mjs --suite eddsa-rdfc-2022|eddsa-jcs-2022|Ed25519Signature2020
//                 [--contexts FILE] [--seed HEX32] [--keep-issuer]
//                 [--created ISO] [--did-web DID --did-doc-out FILE]
//                 [CREDENTIAL.json | -]
//
// --contexts FILE   JSON object {"<context URL>": <context document>} for
//                   contexts the packages do not bundle (e.g. Dalel's own).
// --seed HEX        32-byte hex seed for a deterministic key (default random).
// --keep-issuer     keep the credential's issuer; by default the issuer (or
//                   issuer.id) is set to the generated did:key so that the
//                   proof's controller matches the issuer.
// --created ISO     proof "created" (default: now).
// --did-web DID     use this did:web DID instead of did:key (verification
//                   method DID#key-1); with --did-doc-out FILE the matching
//                   DID document is written there, for serving it as
//                   https://host/.well-known/did.json (or a path's did.json).
// Prints the signed credential JSON on stdout; exit 1 with a message on
// stderr when signing fails, 2 on usage errors.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createSignCryptosuite as eddsaJcs2022Sign} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from
  '@digitalbazaar/ed25519-verification-key-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {readFile, writeFile} from 'node:fs/promises';

import {
  installFetch, makeDbDocumentLoader, parseArgs, quietConsole, readJsonInput
} from './lib.mjs';

export const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'Ed25519Signature2020'];

async function main() {
  let flags, positional;
  try {
    ({flags, positional} = parseArgs(process.argv.slice(2),
      {booleans: ['keep-issuer']}));
  } catch(e) {
    console.error(e.message);
    return 2;
  }
  const suiteName = flags.suite || 'eddsa-rdfc-2022';
  if(!SUITES.includes(suiteName)) {
    console.error(`unknown --suite ${suiteName}; one of ${SUITES.join(', ')}`);
    return 2;
  }
  quietConsole();
  const contexts = flags.contexts ?
    JSON.parse(await readFile(flags.contexts, 'utf8')) : {};
  // nothing we do should reach the network; make sure of it
  installFetch({contexts});
  const credential = await readJsonInput(positional[0]);

  let seed;
  if(flags.seed) {
    if(!/^[0-9a-fA-F]{64}$/.test(flags.seed)) {
      console.error('--seed must be 64 hex characters');
      return 2;
    }
    seed = Uint8Array.from(Buffer.from(flags.seed, 'hex'));
  }

  const is2020 = suiteName === 'Ed25519Signature2020';
  const keyPair = is2020 ?
    await Ed25519VerificationKey2020.generate({seed}) :
    await Ed25519Multikey.generate({seed});
  const fingerprint = is2020 ? keyPair.fingerprint() : keyPair.publicKeyMultibase;
  const didWeb = flags['did-web'];
  if(didWeb && !/^did:web:[^#?]+$/.test(didWeb)) {
    console.error('--did-web must be a did:web DID without fragment');
    return 2;
  }
  const did = didWeb || `did:key:${fingerprint}`;
  keyPair.id = didWeb ? `${did}#key-1` : `${did}#${fingerprint}`;
  keyPair.controller = did;
  if(didWeb && flags['did-doc-out']) {
    const vm = {
      id: keyPair.id,
      type: is2020 ? 'Ed25519VerificationKey2020' : 'Multikey',
      controller: did,
      publicKeyMultibase: keyPair.publicKeyMultibase
    };
    const didDocument = {
      '@context': [
        'https://www.w3.org/ns/did/v1',
        is2020 ? 'https://w3id.org/security/suites/ed25519-2020/v1' :
          'https://w3id.org/security/multikey/v1'
      ],
      id: did,
      verificationMethod: [vm],
      assertionMethod: [vm.id],
      authentication: [vm.id]
    };
    await writeFile(flags['did-doc-out'],
      JSON.stringify(didDocument, null, 2) + '\n');
  }

  if(!flags['keep-issuer']) {
    if(credential.issuer && typeof credential.issuer === 'object') {
      credential.issuer = {...credential.issuer, id: did};
    } else {
      credential.issuer = did;
    }
  }

  const date = flags.created || undefined;
  let suite;
  if(is2020) {
    suite = new Ed25519Signature2020({key: keyPair, date});
  } else {
    const cryptosuite = suiteName === 'eddsa-jcs-2022' ?
      eddsaJcs2022Sign() : eddsaRdfc2022;
    suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite, date});
  }
  const base = await makeDbDocumentLoader({contexts});
  const documentLoader = url => base(url, {
    didKeyFlavour: is2020 ? 'Ed25519VerificationKey2020' : 'Multikey'
  });
  const signed = await vc.issue({credential, suite, documentLoader});
  process.stdout.write(JSON.stringify(signed, null, 2) + '\n');
  return 0;
}

main().then(code => {
  process.exitCode = code;
}, error => {
  console.error(`sign.mjs: ${error && error.stack || error}`);
  process.exitCode = 1;
});
