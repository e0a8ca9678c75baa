import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './components';

/** Loading, error and empty states in one place, so every data block on every page has all three. */
export function QueryState({
  loading,
  error,
  empty,
  what,
  emptyText,
  children,
}: {
  loading: boolean;
  error?: { message: string } | null;
  empty?: boolean;
  what: string;
  emptyText?: ReactNode;
  children: ReactNode;
}) {
  if (error) return <ErrorState title={`The ${what} could not be loaded`} error={error} />;
  if (loading) return <LoadingState what={what} />;
  if (empty)
    return (
      <EmptyState title={`No ${what} to show`}>
        {emptyText ?? <p>There is no data for these filters yet. Try another date or clear some filters.</p>}
      </EmptyState>
    );
  return <>{children}</>;
}
