import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { ImportsResolver } from './imports.resolver';
import { ImportsService } from './imports.service';

/** Imports over HTTP (multipart upload, error CSV) and GraphQL (history, progress, runImport). */
@Module({ controllers: [ImportsController], providers: [ImportsService, ImportsResolver] })
export class IngestModule {}
