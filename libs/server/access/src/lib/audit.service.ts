import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller, describeGrants } from './access.types';

/**
 * Who did what, when, in which scope: sign-ins (successful and failed), sign-outs, user administration,
 * and whatever other libraries record (imports, rule edits, exports, person-level views).
 * Never pass passwords, tokens or staff identifiers in `details`.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends one entry; pass `manager` to write inside the caller's transaction. */
  async record(
    caller: Caller | null,
    action: string,
    target: string,
    details: object = {},
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.db).query(
      `insert into audit_log (user_id, action, target, scope, details) values ($1, $2, $3, $4, $5)`,
      [caller?.userId ?? null, action, target, caller ? describeGrants(caller.grants) : null, details],
    );
  }
}
