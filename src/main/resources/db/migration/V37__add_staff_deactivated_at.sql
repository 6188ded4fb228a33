-- A deactivated staff member keeps their tickets and history but cannot sign in or use their API tokens.
ALTER TABLE staff ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;
