import { Suspense, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LoadingState } from '@aiwr/web-ui';
import { filtersToSearch, parseFilters } from '../filters/filters';
import type { NavItem } from '../routing';

/**
 * The dashboard's frame: NHS.UK header with service name and navigation (which keeps the shared filters),
 * skip link, main area, footer.
 */
export function SiteLayout({ account, navItems }: { account?: ReactNode; navItems: NavItem[] }) {
  const location = useLocation();
  // Navigation keeps the shared filters, so a user moving between pages keeps looking at the same scope.
  const search = filtersToSearch(parseFilters(new URLSearchParams(location.search)));
  return (
    <>
      <a className="nhsuk-skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo" to="/" aria-label="AI Workforce Readiness homepage">
              <svg
                className="nhsuk-header__logo"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 200 80"
                height="40"
                width="100"
                focusable="false"
                role="img"
                aria-label="NHS"
              >
                <title>NHS</title>
                <path
                  fill="currentcolor"
                  d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
                />
              </svg>
              <span className="nhsuk-header__service-name">AI Workforce Readiness</span>
            </Link>
          </div>
          {account}
        </div>
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list aiwr-nav-list">
              {navItems.map((item) => (
                <li className="nhsuk-header__navigation-item" key={item.to}>
                  <NavLink
                    className={({ isActive }) =>
                      `nhsuk-header__navigation-link${isActive ? ' aiwr-nav-active' : ''}`
                    }
                    to={{ pathname: item.to, search }}
                    end={item.end ?? false}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper aiwr-main" id="main-content" role="main" tabIndex={-1}>
          <Suspense fallback={<LoadingState what="the page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <footer role="contentinfo" className="nhsuk-footer">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <h2 className="nhsuk-u-visually-hidden">Support links</h2>
            <ul className="nhsuk-footer__list">
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/about#definitions">
                  How figures are calculated
                </Link>
              </li>
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/about#accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/organisations">
                  NHS regions and trusts
                </Link>
              </li>
            </ul>
            <p className="nhsuk-body-s">
              Contains public sector information licensed under the Open Government Licence v3.0. Source: NHS
              England, Organisation Data Service. Demonstration data only: no real staff are shown.
            </p>
          </div>
        </div>
      </footer>
    </>
  );
}
