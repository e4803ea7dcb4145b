import { boot } from '../boot';
import { GlobalPage } from './GlobalPage';

void boot((ctx) => <GlobalPage ctx={ctx} />);
