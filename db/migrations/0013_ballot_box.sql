CREATE TABLE `ballot_box` (
	`poll_id` integer PRIMARY KEY NOT NULL,
	`public_key` blob NOT NULL,
	`wrapped_key` blob,
	`opened_at` integer,
	`paper_counted_at` integer,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sealed_ballot` (
	`id` text PRIMARY KEY NOT NULL,
	`poll_id` integer NOT NULL,
	`sealed` blob NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sealed_ballot_poll` ON `sealed_ballot` (`poll_id`);