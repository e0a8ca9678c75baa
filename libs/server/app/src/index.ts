export { AppModule } from './lib/app.module';
export { createApp } from './lib/create-app';
