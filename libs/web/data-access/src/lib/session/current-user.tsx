import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router';
import type { CurrentUserQuery } from '../../generated/graphql';
import { CURRENT_USER } from './session.graphql';
import { setCsrfToken } from '../apollo-client';

export type CurrentUser = NonNullable<CurrentUserQuery['me']>;

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user (null while loading or when signed out). Also keeps the CSRF token up to date. */
export function useCurrentUserQuery() {
  const result = useQuery(CURRENT_USER, { fetchPolicy: 'cache-and-network' });
  const me = result.data?.me ?? null;
  setCsrfToken(me?.csrfToken);
  return { me, loading: result.loading && !result.data, error: result.error };
}

/** The signed-in user inside `RequireSignIn` (always set there). */
export function useCurrentUser(): CurrentUser {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser() is only available inside <RequireSignIn>');
  return me;
}

/** Renders its children for a signed-in user; otherwise sends them to the sign-in page and back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { me, loading, error } = useCurrentUserQuery();
  const location = useLocation();
  if (loading) {
    return (
      <p className="nhsuk-body nhsuk-u-margin-4" aria-live="polite">
        Checking your sign-in…
      </p>
    );
  }
  if (error && !me) {
    return (
      <div className="nhsuk-error-summary nhsuk-u-margin-4" role="alert">
        <h2 className="nhsuk-error-summary__title">The service could not be reached</h2>
        <p>{error.message}</p>
      </div>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <CurrentUserContext.Provider value={me}>{children}</CurrentUserContext.Provider>;
}

const ROLE_LABELS: Record<string, string> = {
  trust_lead: 'Trust training lead',
  planner: 'Planner',
  analyst: 'Analyst',
  admin: 'Administrator',
};

export const roleLabel = (role: string) => ROLE_LABELS[role] ?? role;

/** "Sign-in scope" in words, e.g. "Region Y56" or "National". */
export function scopeLabel(grants: CurrentUser['grants']): string {
  return grants
    .map((g) =>
      g.type === 'national' ? 'National' : `${g.type[0].toUpperCase()}${g.type.slice(1)} ${g.code}`,
    )
    .join(', ');
}
