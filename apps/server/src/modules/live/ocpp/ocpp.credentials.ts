import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Charge point passwords (OCPP security profiles 1 and 2), stored as scrypt hashes:
 * `scrypt$N$r$p$salt$hash` (base64), so the cost can be raised later without breaking the
 * stored ones.
 *
 * Why scrypt at N = 2^12 and not the argon2id of user accounts: a CSMS must admit every
 * charge point again after a restart, 10,000 of them within a minute on two cores. At
 * ~12 ms a verification that is two core-minutes; argon2id at the account settings would
 * be many times that. Charge point passwords are 16–40 characters (OCPP's rule), machine
 * secrets rather than human ones, so a lower work factor still leaves brute force out of
 * reach. Reconnections of a running process cost nothing: see {@link VerifiedCredentials}.
 */
const params = { N: 2 ** 12, r: 8, p: 1 } as const;
const keyLength = 32;

function scryptAsync(password: string | Buffer, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, keyLength, { ...params, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password (as the Basic auth header carried it: bytes) against a stored hash. */
export async function verifyPassword(stored: string, password: Buffer): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password that meets the OCPP rules (32 characters), for "generate one for me". */
export function generatePassword(): string {
  // base64url: letters, digits, - and _; printable ASCII as OCPP and basic auth want.
  return randomBytes(24).toString('base64url');
}

/**
 * Remembers, in this process only, which (stored hash, password) pairs were verified, as a
 * SHA-256 digest: a charge point that reconnects is admitted without scrypt. A changed
 * password changes the stored hash, so an old entry simply stops matching.
 */
export class VerifiedCredentials {
  private readonly digests = new Map<string, Buffer>();

  private static digest(stored: string, password: Buffer): Buffer {
    return createHash('sha256').update(stored).update('\0').update(password).digest();
  }

  async verify(chargePointId: string, stored: string, password: Buffer): Promise<boolean> {
    const digest = VerifiedCredentials.digest(stored, password);
    const known = this.digests.get(chargePointId);
    if (known && timingSafeEqual(known, digest)) return true;
    const ok = await verifyPassword(stored, password);
    if (ok) this.digests.set(chargePointId, digest);
    return ok;
  }

  forget(chargePointId: string): void {
    this.digests.delete(chargePointId);
  }
}
