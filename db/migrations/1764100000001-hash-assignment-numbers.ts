import { MigrationInterface, QueryRunner } from 'typeorm';
import { keyFileOf, readPseudonymisationKey } from '../pseudonymisation-key';

/**
 * ESR assignment numbers are the employee number plus a suffix (`10013727-1`), so storing them undid the
 * person key. From here on `assignment_no` holds a keyed hash instead: the first 16 hex digits of
 * HMAC-SHA256(key, person_key || ':' || assignment number). It is computed from the person key (already
 * organisation-salted) so that rows stored before this migration can be re-keyed in place, without the
 * source files, and it stays stable across monthly snapshots (trends, joiners and leavers). 64 bits are
 * plenty to keep one person's few assignments apart and keep the primary key as narrow as before.
 *
 * The two SQL functions are the one definition of both keyed hashes; the import calls them too.
 * The key never enters the database as data: it is read here from PSEUDONYMISATION_KEY or the key file
 * (as the import reads it) and passed as a query parameter.
 */
export class HashAssignmentNumbers1764100000001 implements MigrationInterface {
  name = 'HashAssignmentNumbers1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function pseudonym_person_key(org_code text, employee_number text, key text) returns text
      language sql immutable strict parallel safe
      return encode(hmac(org_code || ':' || employee_number, key, 'sha256'), 'hex')`);
    await q.query(`
      create function pseudonym_assignment_key(person_key text, assignment_no text, key text) returns text
      language sql immutable strict parallel safe
      return left(encode(hmac(person_key || ':' || assignment_no, key, 'sha256'), 'hex'), 16)`);
    await q.query(
      `comment on column staff_assignment.assignment_no is 'pseudonym_assignment_key(person_key, ESR assignment number, key): never the number itself'`,
    );
    await q.query(
      `comment on column person_archetype.assignment_no is 'the assignment key of the staff_assignment row the rule matched'`,
    );

    const [{ stored }] = await q.query(
      `select exists (select 1 from staff_assignment) or exists (select 1 from person_archetype) as stored`,
    );
    if (!stored) return;
    const key = readPseudonymisationKey(process.env, { create: false });
    if (!key)
      throw new Error(
        `Stored assignment numbers must be re-keyed with the pseudonymisation key the data was imported with: ` +
          `set PSEUDONYMISATION_KEY or provide ${keyFileOf()} and run the migration again.`,
      );
    // Same expression on both tables, so person_archetype keeps pointing at its staff_assignment row.
    for (const table of ['staff_assignment', 'person_archetype'])
      await q.query(
        `update ${table} set assignment_no = pseudonym_assignment_key(person_key, assignment_no, $1)`,
        [key],
      );
  }

  async down(q: QueryRunner): Promise<void> {
    // The assignment numbers cannot be recovered from their keyed hashes (that is the point).
    await q.query(`comment on column person_archetype.assignment_no is null`);
    await q.query(`comment on column staff_assignment.assignment_no is null`);
    await q.query(`drop function if exists pseudonym_assignment_key(text, text, text)`);
    await q.query(`drop function if exists pseudonym_person_key(text, text, text)`);
  }
}
