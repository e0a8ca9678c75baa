import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BadRequestException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AuditLogPageType,
  CreateUserInput,
  RoleEnum,
  ScopeGrantInput,
  UserType,
} from './access.graphql-types';
import type { Caller, Role } from './access.types';
import { CurrentCaller, Roles } from './decorators';
import { UsersService } from './users.service';

/** User administration and the audit log: admins only. */
@Roles('admin')
@Resolver()
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Query(() => [UserType], { name: 'users', description: 'Every user account (admin).' })
  usersList(): Promise<UserType[]> {
    return this.users.list();
  }

  @Mutation(() => UserType, { description: 'Creates a user with a role and scopes (admin; audited).' })
  createUser(@CurrentCaller() caller: Caller, @Args('input') input: CreateUserInput): Promise<UserType> {
    return this.users.create(caller, input);
  }

  @Mutation(() => UserType, {
    description: "Replaces a user's scopes, and role if given; ends their sessions (admin; audited).",
  })
  updateUserScopes(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('grants', { type: () => [ScopeGrantInput] }) grants: ScopeGrantInput[],
    @Args('role', { type: () => RoleEnum, nullable: true }) role?: Role,
  ): Promise<UserType> {
    return this.users.updateScopes(caller, userId, grants, role);
  }

  @Mutation(() => UserType, { description: 'Disables a user and ends their sessions (admin; audited).' })
  disableUser(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<UserType> {
    return this.users.disable(caller, userId);
  }

  @Query(() => AuditLogPageType, {
    description: 'The audit log, newest first, with cursor pagination (admin).',
  })
  async auditLog(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { nullable: true, description: 'endCursor of the previous page' }) after?: string,
  ): Promise<AuditLogPageType> {
    if (first < 1 || first > 500) throw new BadRequestException('first must be between 1 and 500.');
    const afterId = after === undefined ? null : decodeCursor(after);
    const rows = await this.db.query(
      `select a.id::text as id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
              u.email as "userEmail", a.action, a.target, a.scope, a.details::text as details
       from audit_log a left join app_user u on u.id = a.user_id
       where ($1::bigint is null or a.id < $1)
       order by a.id desc limit $2`,
      [afterId, first + 1],
    );
    const nodes = rows.slice(0, first);
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : undefined,
    };
  }
}

const encodeCursor = (id: string) => Buffer.from(`audit:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const m = /^audit:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new BadRequestException('That cursor is not valid.');
  return m[1];
}
