-- An entry is a lower-cased address (a@b.com) or a whole domain (*@b.com).
CREATE TABLE spam_list (
    entry      VARCHAR(320)             NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
