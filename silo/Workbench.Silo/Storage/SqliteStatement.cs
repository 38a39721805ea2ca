using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workbench.Silo.Storage;

/// <summary>
/// One statement prepared on a connection and run many times through SQLite's C API: bind, step,
/// reset. The store's hot paths (a run's rows and cells, a hundred thousand at a time) go through
/// this instead of <see cref="SqliteCommand"/>, whose per-execution reader and parameter binding cost
/// more than SQLite's own work for a small row, and which reads text only as UTF-16 strings.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <summary>Prepares <paramref name="sql"/>, whose parameters are numbered ?1, ?2, ..., on an open connection.</summary>
    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>Binds an integer to parameter <paramref name="index"/> (from 1).</summary>
    public SqliteStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>Binds a real to parameter <paramref name="index"/> (from 1).</summary>
    public SqliteStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    /// <summary>Binds a text, or NULL, to parameter <paramref name="index"/> (from 1).</summary>
    public SqliteStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
        return this;
    }

    /// <summary>Binds a UTF-8 text to parameter <paramref name="index"/> (from 1); SQLite copies it.</summary>
    public SqliteStatement BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement with the values bound, and makes it ready for the next ones.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }

    /// <summary>Steps to the next row of the result; false, with the statement ready to run again, when there is none.</summary>
    public bool Read()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(_statement);
        return result == raw.SQLITE_DONE ? false : throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
    }

    /// <summary>An integer column of the current row.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>A text column of the current row.</summary>
    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>A text column of the current row as its UTF-8 bytes, valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>A column of the current row as a floating-point number.</summary>
    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    /// <summary>Whether a column of the current row is NULL.</summary>
    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
