import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useNavigate, useSearchParams } from 'react-router';
import { SIGN_IN, SIGN_IN_OPTIONS } from './access.graphql';
import { setCsrfToken } from '@aiwr/web-data-access';

const OIDC_ERRORS: Record<string, string> = {
  'oidc-refused': 'Your organisation account is not set up for this service. Ask an administrator.',
  'oidc-failed': 'Signing in with your organisation account did not work. Try again.',
};

/** Only same-site paths, so `?next=` cannot send someone to another website after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** NHS.UK-styled sign-in form (email and password), with the OIDC option when it is configured. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const { data: options } = useQuery(SIGN_IN_OPTIONS);
  const [signIn, { loading }] = useMutation(SIGN_IN);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(OIDC_ERRORS[params.get('error') ?? '']);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = 'Sign in – AI Workforce Readiness';
  }, []);
  useEffect(() => {
    if (error) summary.current?.focus();
  }, [error]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email address and password.');
      return;
    }
    try {
      const { data } = await signIn({ variables: { email: email.trim(), password } });
      setCsrfToken(data?.signIn.csrfToken);
      await client.resetStore();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Sign-in did not work. Try again.');
    }
  };

  return (
    <>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <span className="nhsuk-header__service-name">AI Workforce Readiness</span>
          </div>
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="main-content" role="main">
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">
              {error && (
                <div
                  className="nhsuk-error-summary"
                  aria-labelledby="sign-in-error-title"
                  role="alert"
                  tabIndex={-1}
                  ref={summary}
                >
                  <h2 className="nhsuk-error-summary__title" id="sign-in-error-title">
                    There is a problem
                  </h2>
                  <div className="nhsuk-error-summary__body">
                    <p data-testid="sign-in-error">{error}</p>
                  </div>
                </div>
              )}
              <h1>Sign in</h1>
              <form onSubmit={onSubmit} noValidate>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label" htmlFor="email">
                    Email address
                  </label>
                  <input
                    className="nhsuk-input"
                    id="email"
                    name="email"
                    type="email"
                    autoComplete="username"
                    spellCheck={false}
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                </div>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label" htmlFor="password">
                    Password
                  </label>
                  <input
                    className="nhsuk-input"
                    id="password"
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </div>
                <button className="nhsuk-button" type="submit" disabled={loading}>
                  Sign in
                </button>
              </form>
              {options?.oidcSignInEnabled && (
                <p className="nhsuk-body">
                  <a href="/api/auth/oidc/login">Sign in with your organisation account</a>
                </p>
              )}
            </div>
          </div>
        </main>
      </div>
    </>
  );
}
