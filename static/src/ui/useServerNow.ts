import { useEffect, useState } from 'react';

/** The server's clock as the browser sees it: the offset measured at load keeps countdowns honest. */
export function useServerNow(serverNow: string): Date {
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => new Date(Date.now() + skew));
  useEffect(() => {
    const t = setInterval(() => setNow(new Date(Date.now() + skew)), 1000);
    return () => clearInterval(t);
  }, [skew]);
  return now;
}
