using System.Globalization;
using System.Text;

namespace WasmSharp.Bench.Report;

/// <summary>Collects the Markdown report and a long-format CSV (section, row, column, value) of every table cell.</summary>
internal sealed class ReportWriter
{
    private readonly StringBuilder _markdown = new();
    private readonly StringBuilder _csv = new("section,row,column,value\n");

    public void Heading(string text) => _markdown.Append("\n## ").AppendLine(text).AppendLine();

    public void Paragraph(string text) => _markdown.AppendLine(text).AppendLine();

    public void Table(string section, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _markdown.AppendLine("| " + string.Join(" | ", header) + " |");
        _markdown.AppendLine("| --- |" + string.Concat(header.Skip(1).Select(_ => " ---: |")));
        foreach (var row in rows)
        {
            _markdown.AppendLine("| " + string.Join(" | ", row) + " |");
            for (int i = 1; i < row.Count; i++) _csv.AppendLine(Csv(section, row[0], header[i], row[i]));
        }
        _markdown.AppendLine();
    }

    public void Save(string markdownPath, string title)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(markdownPath)!);
        File.WriteAllText(markdownPath, $"# {title}\n" + _markdown);
        File.WriteAllText(Path.ChangeExtension(markdownPath, ".csv"), _csv.ToString());
    }

    public static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Csv(params string[] fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
