#!/usr/bin/env node
// Print the JSON-LD documents DCC's security document loader bundles, as
// {"<url>": <document>, ...}: what verifier-core (and so VerifierPlus and the
// Learner Credential Wallet) resolves without the network. verifier-core
// builds its loader as securityLoader({fetchRemoteContexts: true}); every
// other context URL is fetched from the web at verification time.
//
//   node contexts.mjs            # the whole map
//   node contexts.mjs --urls     # the URLs only, one per line
import {securityLoader} from '@digitalcredentials/security-document-loader';

const loader = securityLoader({fetchRemoteContexts: true});
const documents = Object.fromEntries(loader.documents);
if(process.argv.includes('--urls')) {
  process.stdout.write(Object.keys(documents).join('\n') + '\n');
} else {
  process.stdout.write(JSON.stringify(documents) + '\n');
}
