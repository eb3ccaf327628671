using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegionTemperatureNormals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Estimated",
                table: "RegionTemperatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RegionTemperatureNormals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    NormalC = table.Column<double>(type: "REAL", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegionTemperatureNormals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegionTemperatureNormals_ImportedAtUtc",
                table: "RegionTemperatureNormals",
                column: "ImportedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RegionTemperatureNormals_Region_Month_Day",
                table: "RegionTemperatureNormals",
                columns: new[] { "Region", "Month", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegionTemperatureNormals");

            migrationBuilder.DropColumn(
                name: "Estimated",
                table: "RegionTemperatures");
        }
    }
}
