import { Link, Outlet } from 'react-router';

export function Layout() {
  return (
    <>
      <a className="nhsuk-skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo" to="/" aria-label="AI Workforce Readiness homepage">
              <span className="nhsuk-header__service-name">AI Workforce Readiness</span>
            </Link>
          </div>
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper aiwr-main" id="main-content" role="main">
          <Outlet />
        </main>
      </div>
      <footer role="contentinfo" className="nhsuk-footer">
        <div className="nhsuk-width-container nhsuk-footer__container">
          <p className="nhsuk-body-s">
            Contains public sector information licensed under the Open Government Licence v3.0. Source: NHS
            England, Organisation Data Service.
          </p>
        </div>
      </footer>
    </>
  );
}
