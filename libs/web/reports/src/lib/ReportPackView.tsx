// The report pack's print view: the chosen dashboard pages one after another, each starting a new printed
// page, inside the layout (whose navigation and footer the print styles hide). The report worker opens it
// in headless Chromium as the recipient (a render-only session), waits for data-pack-ready and prints it
// to PDF, so the pack shows exactly what the recipient may see.
import { Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import { PACK_SECTIONS, type PackSection } from './sections';
import './reports.css';

/** How long the page must show no loading state before it counts as ready (charts finish animating). */
const SETTLE_MS = 1500;

export function ReportPackView({ pages }: { pages: Record<PackSection, ComponentType> }) {
  const [params] = useSearchParams();
  const sections = (params.get('sections') ?? 'overview')
    .split(',')
    .filter((s): s is PackSection => (PACK_SECTIONS as readonly string[]).includes(s));
  const root = useRef<HTMLDivElement>(null);
  const ready = useSettled(root);
  return (
    <div className="aiwr-pack" ref={root} data-pack-ready={ready ? 'true' : 'false'}>
      {sections.map((s) => {
        const Page = pages[s];
        return (
          <section key={s} className="aiwr-pack-section" data-section={s}>
            <Suspense fallback={<p className="nhsuk-body aiwr-loading">Loading the section…</p>}>
              <Page />
            </Suspense>
          </section>
        );
      })}
    </div>
  );
}

/** True once the element has contained no loading indicator for SETTLE_MS. */
function useSettled(root: React.RefObject<HTMLDivElement | null>): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let quietSince = Date.now();
    const timer = window.setInterval(() => {
      const el = root.current;
      const busy = !el || el.querySelector('.aiwr-loading, [aria-busy="true"]') !== null;
      if (busy) quietSince = Date.now();
      else if (Date.now() - quietSince >= SETTLE_MS) {
        setReady(true);
        window.clearInterval(timer);
      }
    }, 100);
    return () => window.clearInterval(timer);
  }, [root]);
  return ready;
}
