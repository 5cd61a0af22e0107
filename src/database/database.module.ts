import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source.options';
import { migrateAndSeed } from './migrate';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}

/** Runs at boot, before the app listens or consumes jobs (see bootstrap). */
export async function prepareDatabase(dataSource: DataSource, config: AppConfig): Promise<void> {
  if (!config.migrateOnBoot) return;
  const counts = await migrateAndSeed(dataSource);
  new Logger('Database').log({ ...counts }, 'migrations applied, reference data seeded');
}
