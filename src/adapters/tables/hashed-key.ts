import { createHash } from 'node:crypto';

/**
 * A Table key for an ID that comes from outside (a provider message ID, an event ID): its SHA-256 in hex.
 * Such IDs may hold characters Table keys forbid (`/`, `#`, `?`) or exceed 1 KiB; the digest never does,
 * and the same ID always gives the same key.
 */
export const hashedKey = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');
