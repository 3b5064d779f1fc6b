-- Helper functions for LogQL queries compiled to SQL (lib/server/logs/compile-logql.ts). They turn untrusted
-- line text into values without ever raising: a line that is not JSON, a field that is not a number or not a
-- duration yields NULL, and NULL never matches a label filter (as in Loki, where such lines are dropped).

-- `| json`: the line as jsonb, or NULL when it is not a JSON object. The cheap first-character test avoids a
-- subtransaction for the (common) non-JSON lines.
CREATE FUNCTION tracehound_try_jsonb(line TEXT) RETURNS JSONB
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF line IS NULL OR ltrim(line) NOT LIKE '{%' THEN
    RETURN NULL;
  END IF;
  RETURN line::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;

-- Number comparisons: a decimal/float literal as float8, else NULL.
CREATE FUNCTION tracehound_try_float(value TEXT) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN value::double precision END
$$;

-- Duration comparisons: a Go duration ("1h2m3.5s", "250ms", "12us") in seconds, else NULL.
CREATE FUNCTION tracehound_duration_seconds(value TEXT) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value ~ '^\s*[-+]?(([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|ms|s|m|h|d|w))+\s*$' THEN
    (CASE WHEN ltrim(value) LIKE '-%' THEN -1 ELSE 1 END) * (
      SELECT sum(m[1]::double precision * CASE m[2]
        WHEN 'ns' THEN 1e-9 WHEN 'us' THEN 1e-6 WHEN 'µs' THEN 1e-6 WHEN 'ms' THEN 1e-3 WHEN 's' THEN 1
        WHEN 'm' THEN 60 WHEN 'h' THEN 3600 WHEN 'd' THEN 86400 WHEN 'w' THEN 604800 END)
      FROM regexp_matches(value, '([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|ms|s|m|h|d|w)', 'g') AS m)
  END
$$;

-- `| logfmt`: the value of key `name` in a logfmt line (quoted values unescaped for \" and \\), else NULL.
CREATE FUNCTION tracehound_logfmt_value(line TEXT, name TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN m IS NULL THEN NULL
    WHEN m[1] IS NOT NULL THEN replace(replace(m[1], '\"', '"'), '\\', '\')
    ELSE m[2] END
  FROM (SELECT regexp_match(line, '(?:^|\s)' || name || '=(?:"((?:[^"\\]|\\.)*)"|([^\s"]*))') AS m) AS t
$$;
