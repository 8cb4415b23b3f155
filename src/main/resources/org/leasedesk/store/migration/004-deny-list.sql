-- Clients an administrator has quarantined: the server ignores their DISCOVER and REQUEST.
-- Kept in the database rather than the configuration file so a quarantine never rewrites the admin's file,
-- and so it survives restarts and reloads alike.

CREATE TABLE denied_clients (
    hw_type         SMALLINT NOT NULL,
    hw_address      VARBINARY(16) NOT NULL,
    denied_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    PRIMARY KEY (hw_type, hw_address)
);
