PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ballot` (
	`id` text NOT NULL,
	`poll_id` integer NOT NULL,
	`marks` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`poll_id`, `id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_ballot`("id", "poll_id", "marks", "valid", "invalid_reason") SELECT "id", "poll_id", "marks", "valid", "invalid_reason" FROM `ballot`;--> statement-breakpoint
DROP TABLE `ballot`;--> statement-breakpoint
ALTER TABLE `__new_ballot` RENAME TO `ballot`;--> statement-breakpoint
PRAGMA foreign_keys=ON;