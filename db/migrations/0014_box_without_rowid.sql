-- Ballot secrecy: participation and sealed ballots keep no rowid, so no insertion order survives in a key.
-- Rebuilt by hand (drizzle-kit cannot declare WITHOUT ROWID); the columns are exactly those of db/schema.ts.
CREATE TABLE `participation_keyed` (
	`poll_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`channel` text NOT NULL,
	`receipt_code` text NOT NULL,
	PRIMARY KEY(`poll_id`, `representative_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `participation_keyed` SELECT `poll_id`, `representative_id`, `channel`, `receipt_code` FROM `participation` ORDER BY `poll_id`, `representative_id`;
--> statement-breakpoint
DROP TABLE `participation`;
--> statement-breakpoint
ALTER TABLE `participation_keyed` RENAME TO `participation`;
--> statement-breakpoint
DROP TABLE `sealed_ballot`;
--> statement-breakpoint
CREATE TABLE `sealed_ballot` (
	`id` text PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`sealed` blob NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `sealed_ballot_poll` ON `sealed_ballot` (`poll_id`);
