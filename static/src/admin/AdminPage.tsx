import { adminApi } from '../api';
import type { ViewContext } from '../boot';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';

export function AdminPage({ ctx: _ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => adminApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading settings…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  return (
    <div className="module">
      <ViewerBadge viewer={state.data.viewer} />
    </div>
  );
}
