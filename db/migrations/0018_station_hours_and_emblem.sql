CREATE TABLE `jurisdiction_emblem` (
	`jurisdiction_id` integer PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`image` blob NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `station` ADD `opening_hours` text DEFAULT '' NOT NULL;