import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM certificate, its key, and where both are written. */
export interface Issued {
  cert: Buffer;
  key: Buffer;
  certFile: string;
  keyFile: string;
}

/**
 * Throw-away certificates for the FHIR listener's tests and bench, made with the `openssl` CLI in
 * a temporary directory: authorities, a server certificate for localhost, client certificates.
 */
export class ThrowAwayPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'fhir-pki-'));
  private serial = 1;

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
  }

  private read(name: string): Issued {
    const certFile = join(this.dir, `${name}.pem`);
    const keyFile = join(this.dir, `${name}.key`);
    return { cert: readFileSync(certFile), key: readFileSync(keyFile), certFile, keyFile };
  }

  /** A self-signed certificate authority. */
  authority(name: string): Issued {
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ]);
    return this.read(name);
  }

  /** A certificate signed by `authority`, with the subject given (`/CN=…/OU=…`). */
  issue(name: string, authority: Issued, subject: string, server = false): Issued {
    const extensions = join(this.dir, `${name}.ext`);
    writeFileSync(
      extensions,
      server
        ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
        : 'extendedKeyUsage=clientAuth\n',
    );
    this.openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ]);
    this.openssl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      authority.certFile,
      '-CAkey',
      authority.keyFile,
      '-set_serial',
      String(this.serial++),
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      extensions,
    ]);
    return this.read(name);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
