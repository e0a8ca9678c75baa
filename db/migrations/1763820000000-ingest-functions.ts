import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQL helpers for the set-based import (libs/server/ingest): the import validates and maps whole files
 * inside PostgreSQL, so date parsing and value folding live here as immutable functions.
 */
export class IngestFunctions1763820000000 implements MigrationInterface {
  name = 'IngestFunctions1763820000000';

  async up(q: QueryRunner): Promise<void> {
    // Case, spaces, underscores, hyphens and dots do not matter when matching a value to reference data.
    await q.query(`
      create function ingest_fold(v text) returns text
      language sql immutable parallel safe
      as $$ select lower(regexp_replace(v, '[[:space:]_.-]+', '', 'g')) $$`);
    // The contract's date formats: YYYY-MM-DD, DD/MM/YYYY, DD-MON-YYYY. NULL for anything else
    // (including impossible dates and MM/DD/YYYY with a month above 12), never an exception.
    await q.query(`
      create function ingest_parse_date(v text) returns date
      language plpgsql immutable strict parallel safe
      as $$
      declare
        y int; m int; d int; parts text[]; first_of_month date;
      begin
        if v is null then return null; end if;
        if v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
          y := substr(v, 1, 4)::int; m := substr(v, 6, 2)::int; d := substr(v, 9, 2)::int;
        elsif v ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' then
          parts := string_to_array(v, '/'); d := parts[1]::int; m := parts[2]::int; y := parts[3]::int;
        elsif v ~* '^[0-9]{1,2}-[a-z]{3}-[0-9]{4}$' then
          parts := string_to_array(upper(v), '-');
          d := parts[1]::int;
          m := array_position(array['JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP','OCT','NOV','DEC'], parts[2]);
          y := parts[3]::int;
        else
          return null;
        end if;
        if m is null or m < 1 or m > 12 or d < 1 or d > 31 or y < 1 then return null; end if;
        first_of_month := make_date(y, m, 1);
        if d > extract(day from first_of_month + interval '1 month' - interval '1 day') then return null; end if;
        return first_of_month + (d - 1);
      end $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists ingest_parse_date(text)`);
    await q.query(`drop function if exists ingest_fold(text)`);
  }
}
