using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RegionTemperatureNormals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Region = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<int>(type: "int", nullable: false),
                    NormalC = table.Column<double>(type: "float", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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
