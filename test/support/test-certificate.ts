import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A self-signed certificate made with openssl for a test: its files, PEMs and SHA-256 thumbprint. */
export interface TestCertificate {
  readonly dir: string;
  readonly keyPem: string;
  readonly certPem: string;
  /** Key then certificate, one PEM file (what GRAPH_CERTIFICATE_PATH takes). */
  readonly bundlePath: string;
  readonly certPath: string;
  readonly thumbprintSha256: string;
}

/** Makes a 2-day RSA certificate for `subject`, valid for 127.0.0.1 (so it can serve loopback https too). */
export function makeTestCertificate(subject = 'meeting-communications-test'): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-cert-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', `/CN=${subject}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const keyPem = fs.readFileSync(keyPath, 'utf8');
  const certPem = fs.readFileSync(certPath, 'utf8');
  const bundlePath = path.join(dir, 'bundle.pem');
  fs.writeFileSync(bundlePath, `${keyPem}${certPem}`);
  const thumbprintSha256 = createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
  return { dir, keyPem, certPem, bundlePath, certPath, thumbprintSha256 };
}
