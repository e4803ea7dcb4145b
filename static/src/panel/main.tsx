import { boot } from '../boot';
import { Panel } from './Panel';

void boot((ctx) => <Panel ctx={ctx} />);
