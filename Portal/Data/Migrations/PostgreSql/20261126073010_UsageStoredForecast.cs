using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class UsageStoredForecast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BandSource",
                table: "UsagePredictions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ForecastBillHigh",
                table: "UsagePredictions",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ForecastBillLow",
                table: "UsagePredictions",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NextCycleHighKwh",
                table: "UsagePredictions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "NextCycleLowKwh",
                table: "UsagePredictions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "ToDateKwh",
                table: "UsagePredictions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "UsedLastYear",
                table: "UsagePredictions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BandSource",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "ForecastBillHigh",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "ForecastBillLow",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "NextCycleHighKwh",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "NextCycleLowKwh",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "ToDateKwh",
                table: "UsagePredictions");

            migrationBuilder.DropColumn(
                name: "UsedLastYear",
                table: "UsagePredictions");
        }
    }
}
