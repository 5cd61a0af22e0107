import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source.options';

/** Used by the TypeORM CLI (`npm run migration:generate`) only; the app builds its own. */
export default new DataSource(dataSourceOptions(loadConfig()));
