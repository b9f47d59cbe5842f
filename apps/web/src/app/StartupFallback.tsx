import { Loading } from '../ui/Status';

export function StartupFallback() {
  return (
    <div className="page page--narrow">
      <Loading />
    </div>
  );
}
