-- A console user's own language and number format (issue 29): how the amounts they type are read
-- where a shape is ambiguous by itself ("1,234"). No row: the browser's Accept-Language decides.
-- Its own table, so the user's row stays as it is; it goes with the user.
CREATE TABLE console_user_locale (
    user_id BIGINT PRIMARY KEY REFERENCES console_user (id) ON DELETE CASCADE,
    locale VARCHAR(35) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
