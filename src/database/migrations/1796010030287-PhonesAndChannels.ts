import { MigrationInterface, QueryRunner } from 'typeorm';

export class PhonesAndChannels1796010030287 implements MigrationInterface {
  name = 'PhonesAndChannels1796010030287';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "phone" character varying(16) NOT NULL, "channel" character varying(16) NOT NULL, "source_key" character varying(200) NOT NULL, "kind" character varying(40) NOT NULL, "content" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "provider_message_id" character varying(200), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "fallback_of" uuid, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a307d88c2de43e69b2c0507474" CHECK ("status" IN ('pending', 'sent', 'delivered', 'read', 'failed', 'skipped')), CONSTRAINT "CHK_ba84bd38b232728c49cd47329c" CHECK ("channel" IN ('whatsapp', 'sms')), CONSTRAINT "PK_78c08df85633e14659b3bfcd3b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_43acf4a396c2e471325608fe2b" ON "channel_messages"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "channel_messages_provider_id" ON "channel_messages"  ("channel", "provider_message_id") WHERE "provider_message_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "channel_messages_once" ON "channel_messages"  ("source_key", "user_id", "channel") `,
    );
    await queryRunner.query(
      `CREATE TABLE "channel_routes" ("organization_id" uuid NOT NULL, "event_type" character varying(64) NOT NULL, "channel" character varying(16) NOT NULL, CONSTRAINT "CHK_e9aa903add61785e50018d8691" CHECK ("channel" IN ('whatsapp', 'sms', 'none')), CONSTRAINT "PK_f986a8017863ee2a8aa0c84a3de" PRIMARY KEY ("organization_id", "event_type"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "channel_inbound_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel" character varying(16) NOT NULL, "provider_message_id" character varying(200) NOT NULL, "phone" character varying(16) NOT NULL, "text" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'received', "outcome" character varying(40), "user_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_731e33a37ae011b31abf6896d8" CHECK ("status" IN ('received', 'processed')), CONSTRAINT "PK_93d63591b2bfbbf30ec0c765439" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "channel_inbound_once" ON "channel_inbound_messages"  ("channel", "provider_message_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "match_id" uuid NOT NULL, "code" character varying(4) NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f7fc259f603ba564dd0fb2ffd5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "proposal_codes_in_use" ON "proposal_codes"  ("organization_id", "code") WHERE "released_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "proposal_codes_once_per_match" ON "proposal_codes"  ("organization_id", "match_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_phones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "phone" character varying(16) NOT NULL, "language" character varying(2) NOT NULL DEFAULT 'id', "verified_at" TIMESTAMP WITH TIME ZONE, "code_hash" character varying(64), "code_expires_at" TIMESTAMP WITH TIME ZONE, "code_attempts" integer NOT NULL DEFAULT '0', "whatsapp_opt_in" boolean NOT NULL DEFAULT false, "sms_opt_in" boolean NOT NULL DEFAULT false, "whatsapp_window_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_fbea33febc97e0673ec39da0ad" CHECK ("code_attempts" >= 0), CONSTRAINT "CHK_40135e0e30cbea44a6ed687935" CHECK ("language" IN ('id', 'en')), CONSTRAINT "PK_975f5d595e466bdcbb7b0afc2b1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_96bd55026671b792bb3ce699ff" ON "user_phones"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d272b1ab70539c0d4e6f6d731d" ON "user_phones"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "user_phones_verified_number" ON "user_phones"  ("phone") WHERE "verified_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "sell_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "code" character varying(4) NOT NULL, "listing" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7ec484d2e40c9932d9b4fbb021d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "sell_drafts_open_code" ON "sell_drafts"  ("user_id", "code") WHERE "used_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_phones" ADD CONSTRAINT "FK_96bd55026671b792bb3ce699ffd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_phones" DROP CONSTRAINT "FK_96bd55026671b792bb3ce699ffd"`,
    );
    await queryRunner.query(`DROP INDEX "public"."sell_drafts_open_code"`);
    await queryRunner.query(`DROP TABLE "sell_drafts"`);
    await queryRunner.query(`DROP INDEX "public"."user_phones_verified_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d272b1ab70539c0d4e6f6d731d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_96bd55026671b792bb3ce699ff"`);
    await queryRunner.query(`DROP TABLE "user_phones"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_codes_once_per_match"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_codes_in_use"`);
    await queryRunner.query(`DROP TABLE "proposal_codes"`);
    await queryRunner.query(`DROP INDEX "public"."channel_inbound_once"`);
    await queryRunner.query(`DROP TABLE "channel_inbound_messages"`);
    await queryRunner.query(`DROP TABLE "channel_routes"`);
    await queryRunner.query(`DROP INDEX "public"."channel_messages_once"`);
    await queryRunner.query(`DROP INDEX "public"."channel_messages_provider_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_43acf4a396c2e471325608fe2b"`);
    await queryRunner.query(`DROP TABLE "channel_messages"`);
  }
}
