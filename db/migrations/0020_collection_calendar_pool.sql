ALTER TABLE `cycle` ADD `collection_short_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `cycle` ADD `collection_closed_early_at` integer;--> statement-breakpoint
ALTER TABLE `cycle` ADD `collection_close_notice` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `proposal` ADD `pool_reason` text;--> statement-breakpoint
ALTER TABLE `proposal` ADD `pooled_at` integer;