CREATE TABLE `reception` (
	`id` integer PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`state` text DEFAULT 'scheduled' NOT NULL,
	`not_held_reason` text DEFAULT '' NOT NULL,
	`residents` integer,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reception_station` ON `reception` (`station_id`,`date`);--> statement-breakpoint
CREATE TABLE `reception_rep` (
	`reception_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	PRIMARY KEY(`reception_id`, `representative_id`),
	FOREIGN KEY (`reception_id`) REFERENCES `reception`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reception_rep_rep` ON `reception_rep` (`representative_id`);--> statement-breakpoint
CREATE TABLE `station_goal` (
	`id` integer PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`year` integer NOT NULL,
	`text` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`reported_on` text,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `station_goal_station` ON `station_goal` (`station_id`,`year`);--> statement-breakpoint
CREATE TABLE `station_liaison` (
	`station_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`user_id` integer,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `station_member` (
	`representative_id` integer PRIMARY KEY NOT NULL,
	`station_id` integer NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `station_member_station` ON `station_member` (`station_id`);