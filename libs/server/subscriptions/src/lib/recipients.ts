import type { DataSource } from 'typeorm';
import type { Caller } from '@aiwr/server-access';

/** A user as a pack recipient: their role and grants as the access policy reads them (null if disabled). */
export async function recipientCaller(db: DataSource, userId: string): Promise<Caller | null> {
  const [row] = await db.query(
    `select u.id as "userId", u.email, u.role,
            coalesce((select json_agg(json_build_object('type', sc.scope_type, 'code', sc.scope_code)
                                      order by sc.scope_type, sc.scope_code)
                      from user_scope sc where sc.user_id = u.id), '[]') as grants
     from app_user u where u.id = $1 and u.disabled_at is null`,
    [userId],
  );
  return (row as Caller) ?? null;
}
