ALTER TABLE `representative` ADD `seated_on` text;--> statement-breakpoint
ALTER TABLE `representative` ADD `by_election` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `representative` ADD `retired_on` text;--> statement-breakpoint
ALTER TABLE `representative` ADD `retire_reason` text;--> statement-breakpoint
ALTER TABLE `representative` ADD `retire_note` text;--> statement-breakpoint
ALTER TABLE `user` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-added: rows from before carry their dates in the term fields (a retirement overwrote term_to).
UPDATE `representative` SET `seated_on` = `term_from` WHERE `seated_on` IS NULL;--> statement-breakpoint
UPDATE `representative` SET `retired_on` = `term_to` WHERE `status` = 'retired' AND `retired_on` IS NULL;
