-- The offline AI Suggest's sentence embedding of each resolved ticket's customer text (ADR 0025), stored so that every
-- app node loads the same vector instead of computing it again, and a restart costs a read, not a model run. The
-- vector is int8-quantized: a 4-byte float scale then one signed byte per dimension (388 bytes for 384 dimensions).
-- NULL until computed (rows from before this column, or when the model failed); embedding_model names the model so a
-- change of model is seen and the backfill job embeds the rows again.
ALTER TABLE ai_resolved_tickets ADD COLUMN embedding BYTEA;
ALTER TABLE ai_resolved_tickets ADD COLUMN embedding_model VARCHAR(100);
