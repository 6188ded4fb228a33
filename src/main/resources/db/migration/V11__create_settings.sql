-- Small key/value store for instance-wide settings; each module owns its keys (e.g. helpdesk.enabled).
CREATE TABLE settings (
    name       VARCHAR(100)             NOT NULL PRIMARY KEY,
    setting_value TEXT,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
