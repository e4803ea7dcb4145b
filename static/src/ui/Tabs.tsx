import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface Tab<K extends string> {
  key: K;
  label: ReactNode;
}

const MORE_WIDTH = 72;

/**
 * WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the selected tab is in the tab order. Tabs that
 * do not fit the frame's width go into a "More" menu. Panels in `keepMounted` stay rendered (hidden) once opened,
 * so an unsaved edit survives a tab switch.
 */
export function Tabs<K extends string>({ tabs, selected, onSelect, children, keepMounted = [] }: { tabs: Tab<K>[]; selected: K; onSelect: (k: K) => void; children: ReactNode | ((k: K) => ReactNode); keepMounted?: K[] }) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const bar = useRef<HTMLDivElement>(null);
  const widths = useRef(new Map<K, number>());
  const [fit, setFit] = useState(tabs.length);
  const [menuOpen, setMenuOpen] = useState(false);
  const [opened, setOpened] = useState<Set<K>>(() => new Set([selected]));
  if (!opened.has(selected)) setOpened(new Set([...opened, selected]));

  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const measure = () => {
      for (const [k, b] of refs.current) if (b.offsetWidth) widths.current.set(k, b.offsetWidth + 4);
      const room = el.clientWidth;
      const all = tabs.reduce((n, t) => n + (widths.current.get(t.key) ?? 100), 0);
      if (all <= room) return setFit(tabs.length);
      let used = MORE_WIDTH;
      let n = 0;
      for (const t of tabs) {
        used += widths.current.get(t.key) ?? 100;
        if (used > room) break;
        n++;
      }
      setFit(Math.max(1, n));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [tabs]);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: MouseEvent) => {
      if (!(e.target as Element).closest?.('.tab-more')) setMenuOpen(false);
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [menuOpen]);

  // The selected tab always shows in the bar; the rest of the overflow goes in the menu.
  const inBar = tabs.slice(0, fit);
  const selectedIndex = tabs.findIndex((t) => t.key === selected);
  if (selectedIndex >= fit && inBar.length > 0) inBar[inBar.length - 1] = tabs[selectedIndex]!;
  const overflow = tabs.filter((t) => !inBar.includes(t));

  const move = (index: number) => {
    const tab = inBar[(index + inBar.length) % inBar.length]!;
    onSelect(tab.key);
    refs.current.get(tab.key)?.focus();
  };
  const choose = (k: K) => {
    setMenuOpen(false);
    onSelect(k);
    requestAnimationFrame(() => refs.current.get(k)?.focus());
  };

  return (
    <div className="tabs">
      <div className="tabbar" ref={bar}>
        <div role="tablist" className="tablist" aria-label="Incident">
          {inBar.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                if (el) refs.current.set(t.key, el);
                else refs.current.delete(t.key);
              }}
              role="tab"
              type="button"
              id={`tab-${t.key}`}
              aria-selected={t.key === selected}
              aria-controls={`panel-${t.key}`}
              tabIndex={t.key === selected ? 0 : -1}
              className="tab"
              onClick={() => onSelect(t.key)}
              onKeyDown={(e) => {
                const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: inBar.length - 1 }[e.key];
                if (to === undefined) return;
                e.preventDefault();
                move(to);
              }}
            >
              {t.label}
            </button>
          ))}
        </div>
        {overflow.length > 0 && (
          <div className="tab-more">
            <button type="button" className="btn btn-subtle" aria-haspopup="true" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)} data-testid="tabs-more">
              More <span aria-hidden="true">▾</span>
            </button>
            {menuOpen && (
              <ul className="menu" aria-label="More tabs">
                {overflow.map((t) => (
                  <li key={t.key}>
                    <button type="button" className="menu-item" onClick={() => choose(t.key)}>
                      {t.label}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {tabs
        .filter((t) => t.key === selected || (keepMounted.includes(t.key) && opened.has(t.key)))
        .map((t) => (
          <div key={t.key} role="tabpanel" id={`panel-${t.key}`} aria-labelledby={`tab-${t.key}`} className="tabpanel" hidden={t.key !== selected}>
            {typeof children === 'function' ? children(t.key) : children}
          </div>
        ))}
    </div>
  );
}
