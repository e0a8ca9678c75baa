import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import './account.css';
import { SIGN_OUT } from './access.graphql';
import { setCsrfToken, roleLabel, scopeLabel, useCurrentUser } from '@aiwr/web-data-access';

/** Who is signed in, in what role and scope, and a sign-out button (for the header's account slot). */
export function AccountMenu() {
  const me = useCurrentUser();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [signOut, { loading }] = useMutation(SIGN_OUT);

  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      setCsrfToken(undefined);
      await client.clearStore();
      navigate('/sign-in', { replace: true });
    }
  };

  return (
    <div className="aiwr-account" data-testid="account">
      <span className="aiwr-account__who">
        {me.displayName} · {roleLabel(me.role)} · {scopeLabel(me.grants)}
      </span>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--reverse nhsuk-button--small aiwr-account__sign-out"
        onClick={onSignOut}
        disabled={loading}
      >
        Sign out
      </button>
    </div>
  );
}
