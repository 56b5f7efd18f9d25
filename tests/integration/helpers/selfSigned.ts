/** A throwaway self-signed certificate for localhost / 127.0.0.1, made with openssl in a folder of the test's. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface CertFiles {
  cert: string;
  key: string;
}

export function selfSignedCert(dir: string): CertFiles {
  const cert = path.join(dir, 'server.crt');
  const key = path.join(dir, 'server.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'].concat([
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]),
    { stdio: 'ignore' },
  );
  if (!fs.existsSync(cert) || !fs.existsSync(key)) throw new Error('openssl made no certificate');
  return { cert, key };
}
