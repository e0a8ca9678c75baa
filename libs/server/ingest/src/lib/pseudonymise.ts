import crypto from 'node:crypto';

/**
 * The staff pseudonym: HMAC-SHA256(key, organisation code + ":" + employee number) as hex. The import
 * computes the same value in SQL (`pseudonym_person_key`, pgcrypto `hmac`); this is for code that must
 * find one person.
 */
export const pseudonymise = (key: string, orgCode: string, employeeNumber: string) =>
  crypto.createHmac('sha256', key).update(`${orgCode}:${employeeNumber}`).digest('hex');

/**
 * The stored form of an ESR assignment number: the first 16 hex digits of HMAC-SHA256(key, person key +
 * ":" + assignment number), as `pseudonym_assignment_key` computes it in SQL. Stable across snapshots.
 */
export const assignmentKey = (key: string, personKey: string, assignmentNumber: string) =>
  crypto.createHmac('sha256', key).update(`${personKey}:${assignmentNumber}`).digest('hex').slice(0, 16);
