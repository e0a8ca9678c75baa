import { useEffect } from 'react';

/** Each page has its own document title (WCAG 2.4.2), so screen reader users know where they are. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – AI Workforce Readiness`;
  }, [title]);
}
