import { globalApi } from '../api';
import type { ViewContext } from '../boot';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';

export function GlobalPage({ ctx: _ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => globalApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading incidents…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return (
    <div className="module">
      <ViewerBadge viewer={state.data.viewer} />
    </div>
  );
}
