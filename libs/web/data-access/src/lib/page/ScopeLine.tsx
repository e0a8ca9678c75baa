import { formatDate } from '@aiwr/web-ui';
import { roleLabel, scopeLabel, useCurrentUser } from '../session/current-user';

/** Says whose figures these are and as at when: every page starts with it. */
export function ScopeLine({ asAt }: { asAt?: string | null }) {
  const me = useCurrentUser();
  return (
    <p className="nhsuk-body-s aiwr-muted aiwr-scope" data-testid="scope-line">
      Showing figures you may see as {/^[aeiou]/i.test(roleLabel(me.role)) ? 'an' : 'a'}{' '}
      {roleLabel(me.role).toLowerCase()} ({scopeLabel(me.grants)}){asAt ? `, as at ${formatDate(asAt)}` : ''}.
    </p>
  );
}
