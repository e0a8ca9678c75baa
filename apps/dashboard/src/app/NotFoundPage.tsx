import { Link } from 'react-router';
import { usePageTitle } from '@aiwr/web-ui';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        If you typed the web address, check it is correct. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
